import { Construct } from 'constructs';
import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { PropError } from '../props';
import { checkNonEmpty, checkProject, grantKeyUse, serviceAgentMember } from './service-agents';

export interface ArtifactRepositoryProps {
  readonly project: string;
  /** A region: the repository's key must be in the same location. */
  readonly location: string;
  /** @default 'cordon' */
  readonly repositoryId?: string;
  /** Key encrypting the images (ENC-1). */
  readonly kmsKeyName: string;
  /**
   * Enable the Container Scanning API in the project; scanning on push needs it (OPS-1). Turn off when
   * a second repository in the same project already enables it.
   * @default true
   */
  readonly enableScanningApi?: boolean;
  /** @default true */
  readonly grantKeyToServiceAgent?: boolean;
  /** @default {} */
  readonly labels?: Record<string, string>;
}

const NAME = 'ArtifactRepository';
const REPOSITORY_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A Docker repository for every environment's images: CMEK (ENC-1), immutable tags, and vulnerability
 * scanning on push (OPS-1).
 */
export class ArtifactRepository extends Construct {
  readonly repository: ArtifactRegistryRepository;

  constructor(scope: Construct, id: string, props: ArtifactRepositoryProps) {
    super(scope, id);
    checkProject(NAME, 'project', props.project);
    checkNonEmpty(NAME, 'location', props.location, 'a region name');
    const repositoryId = props.repositoryId ?? 'cordon';
    if (!REPOSITORY_ID.test(repositoryId)) throw new PropError(NAME, 'repositoryId', `an id matching ${REPOSITORY_ID.source}`, repositoryId);
    checkNonEmpty(NAME, 'kmsKeyName', props.kmsKeyName, 'the name of a Cloud KMS key');

    const dependsOn = [];
    if (props.enableScanningApi ?? true) {
      dependsOn.push(new ProjectService(this, 'container-scanning', { project: props.project, service: 'containerscanning.googleapis.com', disableOnDestroy: false }));
    }
    if (props.grantKeyToServiceAgent ?? true) {
      const project = new DataGoogleProject(this, 'project', { projectId: props.project });
      dependsOn.push(grantKeyUse(this, 'agent-key-access', NAME, props.kmsKeyName, serviceAgentMember('artifactRegistry', project.number)));
    }

    this.repository = new ArtifactRegistryRepository(this, 'repository', {
      project: props.project,
      location: props.location,
      repositoryId,
      format: 'DOCKER',
      description: 'Container images of every environment, scanned on push',
      kmsKeyName: props.kmsKeyName,
      dockerConfig: { immutableTags: true },
      vulnerabilityScanningConfig: { enablementConfig: 'INHERITED' },
      labels: props.labels,
      dependsOn,
    });
  }
}
