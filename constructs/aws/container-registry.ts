import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { checkInteger, PropError } from '../props';

export interface ContainerRegistryProps {
  /** Repository names, e.g. `cordon/app`. */
  readonly repositories: readonly string[];
  /** The registry key (PlatformKey `registry`). Required: no AWS-managed default (ENC-1). */
  readonly key: kms.IKey;
  /**
   * Untagged images are removed this many days after push.
   * @default 14
   */
  readonly untaggedImageDays?: number;
}

const NAME = 'ContainerRegistry';
const REPOSITORY_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/**
 * ECR repositories for the platform's images: scanned on push (OPS-1), immutable tags (a tag always
 * names the image that was scanned), KMS-encrypted with the registry key, retained on stack delete.
 */
export class ContainerRegistry extends Construct {
  readonly repositories: Record<string, ecr.Repository> = {};

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    if (props.repositories.length === 0) throw new PropError(NAME, 'repositories', 'at least one repository name', props.repositories);
    props.repositories.forEach((name, i) => {
      if (!REPOSITORY_NAME.test(name) || name.length < 2 || name.length > 256) throw new PropError(NAME, `repositories[${i}]`, `an ECR repository name matching ${REPOSITORY_NAME.source}`, name);
    });
    const untaggedImageDays = props.untaggedImageDays ?? 14;
    checkInteger(NAME, 'untaggedImageDays', untaggedImageDays, 1, 365);
    for (const name of props.repositories) {
      this.repositories[name] = new ecr.Repository(this, name.replace(/[^A-Za-z0-9]/g, '-'), {
        repositoryName: name,
        imageScanOnPush: true,
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        encryption: ecr.RepositoryEncryption.KMS,
        encryptionKey: props.key,
        lifecycleRules: [{ description: 'expire untagged images', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(untaggedImageDays) }],
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
  }
}
