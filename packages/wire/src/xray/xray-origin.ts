/**
 * X-Ray `origin` ↔ OpenTelemetry `cloud.platform` (and `aws.ecs.launchtype`). The collector's
 * X-Ray receiver drops `origin`; its X-Ray exporter derives origin from these resource
 * attributes (exporter/awsxrayexporter/internal/translator/segment.go, determineAwsOrigin).
 * Skein reads that table backwards, so an origin that comes in goes out again unchanged.
 * Lambda is not in the exporter's table; its platform name is the semantic convention's.
 */
const ORIGINS: ReadonlyArray<readonly [origin: string, platform: string, launchType?: string]> = [
  ['AWS::EC2::Instance', 'aws_ec2'],
  ['AWS::ECS::Container', 'aws_ecs'],
  ['AWS::ECS::EC2', 'aws_ecs', 'ec2'],
  ['AWS::ECS::Fargate', 'aws_ecs', 'fargate'],
  ['AWS::ElasticBeanstalk::Environment', 'aws_elastic_beanstalk'],
  ['AWS::EKS::Container', 'aws_eks'],
  ['AWS::AppRunner::Service', 'aws_app_runner'],
  ['AWS::Lambda::Function', 'aws_lambda'],
];

export function platformOfOrigin(origin: string): { platform: string; launchType?: string } | undefined {
  const row = ORIGINS.find(([o]) => o === origin);
  if (!row) return undefined;
  return row[2] === undefined ? { platform: row[1] } : { platform: row[1], launchType: row[2] };
}

export function originOfPlatform(platform: string, launchType: string | undefined): string | undefined {
  const row = ORIGINS.find(([, p, lt]) => p === platform && lt === launchType) ?? ORIGINS.find(([, p, lt]) => p === platform && lt === undefined);
  return row?.[0];
}
