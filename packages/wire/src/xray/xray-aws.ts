import { int, str, type AnyValue } from '@skein/model';
import { childPath, keepUnmapped, optionalInteger, optionalString, type JsonObject } from './xray-json-fields.js';
import { XRAY_KEYS } from './xray-keys.js';
import { AWS_RESOURCE_FIELDS } from './xray-resource.js';

/** X-Ray `aws` fields that describe the call (span attributes), shared with the encoder. */
export const AWS_SPAN_STRING_FIELDS: ReadonlyArray<readonly [field: string, key: string]> = [
  ['account_id', XRAY_KEYS.awsAccount],
  ['operation', XRAY_KEYS.awsOperation],
  ['region', XRAY_KEYS.awsRegion],
  ['request_id', XRAY_KEYS.awsRequestId],
  ['queue_url', XRAY_KEYS.awsQueueUrl],
  ['table_name', XRAY_KEYS.awsTableName],
];
const SPAN_FIELDS: ReadonlySet<string> = new Set([...AWS_SPAN_STRING_FIELDS.map(([f]) => f), 'retries']);
const DOCUMENT_ROOT_FIELDS: ReadonlySet<string> = new Set([...SPAN_FIELDS, ...AWS_RESOURCE_FIELDS]);

/**
 * The per-call part of `aws` → span attributes, after the collector's addAWSToSpan
 * (receiver/awsxrayreceiver/internal/translator/aws.go). On a document's segment the
 * where-it-runs objects (ec2, ecs, xray...) went to the resource (xray-resource.ts); anything
 * else (table_names, a subsegment's own ec2 block...) is kept as `aws.xray.aws.*`.
 */
export function mapAwsToSpan(aws: JsonObject | undefined, path: string, isSegment: boolean, attrs: Map<string, AnyValue>): void {
  if (!aws) return;
  const p = childPath(path, 'aws');
  for (const [field, key] of AWS_SPAN_STRING_FIELDS) {
    const v = optionalString(aws, field, p);
    if (v !== undefined) attrs.set(key, str(v));
  }
  const retries = optionalInteger(aws, 'retries', p);
  if (retries !== undefined) attrs.set(XRAY_KEYS.retries, int(retries));
  keepUnmapped(aws, isSegment ? DOCUMENT_ROOT_FIELDS : SPAN_FIELDS, XRAY_KEYS.awsPrefix, attrs);
}
