import { array, str, type AnyValue, type Attribute, type Resource } from '@skein/model';
import { asObject, keepUnmapped, optionalArray, optionalInteger, optionalObject, optionalString, type JsonObject } from './xray-json-fields.js';
import { SEMCONV, XRAY_KEYS } from './xray-keys.js';
import { platformOfOrigin } from './xray-origin.js';

/** Fields of a document's top object that describe the service, not the operation: they go to the resource. */
export const RESOURCE_FIELDS: ReadonlySet<string> = new Set(['origin', 'service', 'resource_arn']);

/** Sub-objects of `aws` that describe where the service runs (segment-only in X-Ray's schema). */
export const AWS_RESOURCE_FIELDS: ReadonlySet<string> = new Set(['ec2', 'ecs', 'elastic_beanstalk', 'eks', 'xray', 'cloudwatch_logs']);

/**
 * The one Resource every span of a segment document shares, after the collector's
 * populateResource (receiver/awsxrayreceiver/internal/translator/translator.go) with aws.go
 * addAWSToResource and sdk.go addSdkToResource. Differences, each on purpose:
 * - only a segment has one: an independently sent subsegment (`type: "subsegment"`) does not
 *   name its service, and the collector's reading (its name, an operation or a remote host, as
 *   service.name; its `aws` block, which describes the call, as where the service runs) would
 *   invent one. Its spans get EMPTY_RESOURCE and the X-Ray receiver gives them their segment's
 *   (xray-segment-to-spans.ts);
 * - `origin` → cloud.platform (xray-origin.ts), which the collector drops;
 * - telemetry.sdk.language is the part of `aws.xray.sdk` after "for " ("X-Ray for Node.js" →
 *   "Node.js"); the collector's special case that says "java" whenever the segment has
 *   exceptions exists only to please its exporter and is not copied;
 * - every field not mapped (service.runtime, ecs.task_arn...) is kept as `aws.xray.service.*`,
 *   `aws.xray.aws.<object>.*`.
 */
export function documentResource(doc: JsonObject): Resource {
  const attrs = new Map<string, AnyValue>();
  const name = optionalString(doc, 'name', '');
  if (name !== undefined) attrs.set(SEMCONV.serviceName, str(name));
  addAws(optionalObject(doc, 'aws', ''), attrs);

  const service = optionalObject(doc, 'service', '');
  if (service) {
    setString(attrs, SEMCONV.serviceVersion, optionalString(service, 'version', 'service'));
    keepUnmapped(service, new Set(['version']), XRAY_KEYS.servicePrefix, attrs);
  }
  setString(attrs, XRAY_KEYS.resourceArn, optionalString(doc, 'resource_arn', ''));

  const origin = optionalString(doc, 'origin', '');
  if (origin !== undefined) {
    const platform = platformOfOrigin(origin);
    if (platform) {
      attrs.set(SEMCONV.cloudPlatform, str(platform.platform));
      if (platform.launchType) attrs.set(SEMCONV.awsEcsLaunchType, str(platform.launchType));
    } else {
      attrs.set(XRAY_KEYS.origin, str(origin));
    }
  }
  const attributes: Attribute[] = [];
  for (const [key, value] of attrs) attributes.push(Object.freeze({ key, value }));
  return Object.freeze({ attributes: Object.freeze(attributes), droppedAttributesCount: 0 });
}

function addAws(aws: JsonObject | undefined, attrs: Map<string, AnyValue>): void {
  if (!aws) {
    // The collector's reading: no `aws` block means the segment was not made by an AWS SDK/host.
    attrs.set(SEMCONV.cloudProvider, str('unknown'));
    return;
  }
  attrs.set(SEMCONV.cloudProvider, str('aws'));
  setString(attrs, SEMCONV.cloudAccountId, optionalString(aws, 'account_id', 'aws'));

  const logs = optionalArray(aws, 'cloudwatch_logs', 'aws');
  if (logs) {
    const names: AnyValue[] = [];
    const arns: AnyValue[] = [];
    logs.forEach((item, i) => {
      const path = `aws.cloudwatch_logs[${i}]`;
      const entry = asObject(item, path);
      const group = optionalString(entry, 'log_group', path);
      const arn = optionalString(entry, 'arn', path);
      if (group !== undefined) names.push(str(group));
      if (arn !== undefined) arns.push(str(arn));
    });
    if (arns.length > 0) attrs.set(SEMCONV.awsLogGroupArns, array(arns));
    if (names.length > 0) attrs.set(SEMCONV.awsLogGroupNames, array(names));
  }

  const ec2 = optionalObject(aws, 'ec2', 'aws');
  if (ec2) {
    setString(attrs, SEMCONV.cloudAvailabilityZone, optionalString(ec2, 'availability_zone', 'aws.ec2'));
    setString(attrs, SEMCONV.hostId, optionalString(ec2, 'instance_id', 'aws.ec2'));
    setString(attrs, SEMCONV.hostType, optionalString(ec2, 'instance_size', 'aws.ec2'));
    setString(attrs, SEMCONV.hostImageId, optionalString(ec2, 'ami_id', 'aws.ec2'));
    keepUnmapped(ec2, new Set(['availability_zone', 'instance_id', 'instance_size', 'ami_id']), `${XRAY_KEYS.awsPrefix}ec2.`, attrs);
  }
  const ecs = optionalObject(aws, 'ecs', 'aws');
  if (ecs) {
    setString(attrs, SEMCONV.containerName, optionalString(ecs, 'container', 'aws.ecs'));
    setString(attrs, SEMCONV.cloudAvailabilityZone, optionalString(ecs, 'availability_zone', 'aws.ecs'));
    setString(attrs, SEMCONV.containerId, optionalString(ecs, 'container_id', 'aws.ecs'));
    keepUnmapped(ecs, new Set(['container', 'availability_zone', 'container_id']), `${XRAY_KEYS.awsPrefix}ecs.`, attrs);
  }
  const beanstalk = optionalObject(aws, 'elastic_beanstalk', 'aws');
  if (beanstalk) {
    const path = 'aws.elastic_beanstalk';
    setString(attrs, SEMCONV.serviceNamespace, optionalString(beanstalk, 'environment_name', path));
    const deployment = optionalInteger(beanstalk, 'deployment_id', path);
    if (deployment !== undefined) attrs.set(SEMCONV.serviceInstanceId, str(String(deployment)));
    setString(attrs, SEMCONV.serviceVersion, optionalString(beanstalk, 'version_label', path));
    keepUnmapped(beanstalk, new Set(['environment_name', 'deployment_id', 'version_label']), `${XRAY_KEYS.awsPrefix}elastic_beanstalk.`, attrs);
  }
  const eks = optionalObject(aws, 'eks', 'aws');
  if (eks) {
    setString(attrs, SEMCONV.containerId, optionalString(eks, 'container_id', 'aws.eks'));
    setString(attrs, SEMCONV.k8sClusterName, optionalString(eks, 'cluster_name', 'aws.eks'));
    setString(attrs, SEMCONV.k8sPodName, optionalString(eks, 'pod', 'aws.eks'));
    keepUnmapped(eks, new Set(['container_id', 'cluster_name', 'pod']), `${XRAY_KEYS.awsPrefix}eks.`, attrs);
  }
  const xray = optionalObject(aws, 'xray', 'aws');
  if (xray) {
    const sdk = optionalString(xray, 'sdk', 'aws.xray');
    setString(attrs, SEMCONV.telemetrySdkVersion, optionalString(xray, 'sdk_version', 'aws.xray'));
    if (sdk !== undefined) {
      attrs.set(SEMCONV.telemetrySdkName, str(sdk));
      const at = sdk.indexOf('for ');
      if (at >= 0) attrs.set(SEMCONV.telemetrySdkLanguage, str(sdk.slice(at + 4)));
    }
    keepUnmapped(xray, new Set(['sdk', 'sdk_version']), `${XRAY_KEYS.awsPrefix}xray.`, attrs);
  }
}

function setString(attrs: Map<string, AnyValue>, key: string, value: string | undefined): void {
  if (value !== undefined) attrs.set(key, str(value));
}
