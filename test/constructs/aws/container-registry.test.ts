import { Match, Template } from 'aws-cdk-lib/assertions';
import { ContainerRegistry, ContainerRegistryProps } from '../../../constructs/aws/container-registry';
import { PlatformKey } from '../../../constructs/aws/platform-key';
import { stack } from './_stack';

function template(props: Partial<ContainerRegistryProps> = {}): Template {
  const s = stack();
  new ContainerRegistry(s, 'Registry', { repositories: ['cordon/app'], key: new PlatformKey(s, 'RegistryKey', { purpose: 'registry' }).key, ...props });
  return Template.fromStack(s);
}

describe('ContainerRegistry', () => {
  test('GIVEN defaults THEN scan on push, immutable tags, KMS with the registry key, untagged images expire, retained (OPS-1)', () => {
    const t = template();
    t.hasResource('AWS::ECR::Repository', {
      Properties: {
        RepositoryName: 'cordon/app',
        ImageScanningConfiguration: { ScanOnPush: true },
        ImageTagMutability: 'IMMUTABLE',
        EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RegistryKey'), 'Arn'] } },
        LifecyclePolicy: { LifecyclePolicyText: Match.stringLikeRegexp('"tagStatus":"untagged".*"countNumber":14') },
        EmptyOnDelete: Match.absent(),
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('GIVEN two repositories THEN two', () => {
    template({ repositories: ['cordon/app', 'cordon/worker'] }).resourceCountIs('AWS::ECR::Repository', 2);
  });

  test.each([
    ['no repositories', { repositories: [] }, /ContainerRegistry: invalid repositories: expected at least one repository name, received \[\]/],
    ['an upper-case name', { repositories: ['cordon/App'] }, /ContainerRegistry: invalid repositories\[0\]: expected an ECR repository name matching .*, received "cordon\/App"/],
    ['untaggedImageDays 0', { untaggedImageDays: 0 }, /ContainerRegistry: invalid untaggedImageDays: expected an integer from 1 to 365, received 0/],
  ])('refuses %s', (_f, props, message) => {
    expect(() => template(props as Partial<ContainerRegistryProps>)).toThrow(message);
  });

  test('boundaries: untaggedImageDays 1 and 365 are accepted, 366 is not', () => {
    expect(() => template({ untaggedImageDays: 1 })).not.toThrow();
    expect(() => template({ untaggedImageDays: 365 })).not.toThrow();
    expect(() => template({ untaggedImageDays: 366 })).toThrow(/received 366/);
  });
});
