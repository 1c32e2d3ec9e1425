/**
 * Zipkin's v2 span as it travels in JSON (zipkin2-api.yaml). Times are epoch microseconds.
 * Fields that are absent on the wire are left out, never set to null or empty values.
 */
export type ZipkinV2Kind = 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';

export interface ZipkinV2Endpoint {
  serviceName?: string;
  ipv4?: string;
  ipv6?: string;
  port?: number;
}

export interface ZipkinV2Annotation {
  timestamp: number;
  value: string;
}

export interface ZipkinV2Span {
  traceId: string;
  parentId?: string;
  id: string;
  kind?: ZipkinV2Kind;
  name?: string;
  timestamp?: number;
  duration?: number;
  localEndpoint?: ZipkinV2Endpoint;
  remoteEndpoint?: ZipkinV2Endpoint;
  annotations?: ZipkinV2Annotation[];
  tags?: Record<string, string>;
  debug?: boolean;
  shared?: boolean;
}

export const ZIPKIN_V2_KINDS: readonly ZipkinV2Kind[] = ['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'];
