/**
 * Attribute keys of the X-Ray mapping. The `aws.*` and `aws.xray.*` names the OpenTelemetry
 * Collector uses come from its internal/aws/xray/awsxray.go; the semantic-convention names are
 * the stable ones the collector's X-Ray receiver emits behind its "EmitV1" feature gates
 * (receiver/awsxrayreceiver/internal/translator/http.go, sql.go). Keys marked "Skein" hold what
 * the collector drops.
 */
export const XRAY_KEYS = {
  // span: X-Ray specific (collector names)
  xForwardedFor: 'aws.xray.x_forwarded_for',
  traced: 'aws.xray.traced',
  metadataPrefix: 'aws.xray.metadata.',
  retries: 'aws.xray.retries',
  exceptionId: 'aws.xray.exception.id',
  exceptionRemote: 'aws.xray.exception.remote',
  exceptionTruncated: 'aws.xray.exception.truncated',
  exceptionSkipped: 'aws.xray.exception.skipped',
  exceptionCause: 'aws.xray.exception.cause',
  awsService: 'aws.service',
  awsOperation: 'aws.operation',
  awsAccount: 'aws.account_id',
  awsRegion: 'aws.region',
  awsRequestId: 'aws.request_id',
  awsQueueUrl: 'aws.queue_url',
  awsTableName: 'aws.table_name',
  /**
   * Skein spells it as the segment field; the collector writes `aws.xray.inprogress`. Also set
   * on spans Skein stored before their completion arrived (see the receiver's HeldSegments).
   */
  inProgress: 'aws.xray.in_progress',
  // span: Skein, for fields the collector drops
  /** Which attributes were X-Ray annotations (the key the collector's X-Ray exporter reads to annotate). */
  annotations: 'aws.xray.annotations',
  namespace: 'aws.xray.namespace',
  type: 'aws.xray.type',
  fault: 'aws.xray.fault',
  error: 'aws.xray.error',
  throttle: 'aws.xray.throttle',
  precursorIds: 'aws.xray.precursor_ids',
  causeId: 'aws.xray.cause.id',
  causePrefix: 'aws.xray.cause.',
  httpPrefix: 'aws.xray.http.',
  sqlPrefix: 'aws.xray.sql.',
  awsPrefix: 'aws.xray.aws.',
  servicePrefix: 'aws.xray.service.',
  exceptionPrefix: 'aws.xray.exception.',
  /** Any other top-level field of a (sub)segment. */
  fieldPrefix: 'aws.xray.',
  // resource
  resourceArn: 'aws.xray.resource_arn',
  /** Skein: an origin with no cloud.platform counterpart. */
  origin: 'aws.xray.origin',
} as const;

/** OpenTelemetry semantic-convention keys used by the mapping. */
export const SEMCONV = {
  serviceName: 'service.name',
  serviceVersion: 'service.version',
  serviceNamespace: 'service.namespace',
  serviceInstanceId: 'service.instance.id',
  cloudProvider: 'cloud.provider',
  cloudPlatform: 'cloud.platform',
  cloudAccountId: 'cloud.account.id',
  cloudAvailabilityZone: 'cloud.availability_zone',
  hostId: 'host.id',
  hostType: 'host.type',
  hostImageId: 'host.image.id',
  containerName: 'container.name',
  containerId: 'container.id',
  k8sClusterName: 'k8s.cluster.name',
  k8sPodName: 'k8s.pod.name',
  awsEcsLaunchType: 'aws.ecs.launchtype',
  awsLogGroupNames: 'aws.log.group.names',
  awsLogGroupArns: 'aws.log.group.arns',
  telemetrySdkName: 'telemetry.sdk.name',
  telemetrySdkVersion: 'telemetry.sdk.version',
  telemetrySdkLanguage: 'telemetry.sdk.language',
  enduserId: 'enduser.id',
  httpRequestMethod: 'http.request.method',
  clientAddress: 'client.address',
  userAgentOriginal: 'user_agent.original',
  urlFull: 'url.full',
  httpResponseStatusCode: 'http.response.status_code',
  httpResponseBodySize: 'http.response.body.size',
  dbNamespace: 'db.namespace',
  dbSystemName: 'db.system.name',
  dbQueryText: 'db.query.text',
  exceptionType: 'exception.type',
  exceptionMessage: 'exception.message',
  exceptionStacktrace: 'exception.stacktrace',
} as const;

/** The event name OpenTelemetry gives recorded exceptions (collector: cause.go ExceptionEventName). */
export const EXCEPTION_EVENT = 'exception';
