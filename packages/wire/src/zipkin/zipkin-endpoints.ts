import { isIP } from 'node:net';
import { int, str, type AnyValue, type Attribute } from '@skein/model';
import { ENDPOINT_ATTRIBUTES } from './zipkin-keys.js';
import type { ZipkinV2Endpoint } from './zipkin-v2-span.js';

type EndpointKeys = { readonly ip: string; readonly ipv6: string; readonly port: string; readonly serviceName?: string };

/**
 * Endpoint addresses become span attributes, as in the OpenTelemetry Collector's Zipkin
 * receiver: local → `net.host.ip`/`net.host.port`, remote → `net.peer.ip`/`net.peer.port`, and
 * the remote service name → `peer.service`. The collector writes both IPs to the one `*.ip` key
 * (the IPv6 overwriting the IPv4); to lose nothing, an IPv6 sent beside an IPv4 goes to `*.ipv6`.
 * (The local service name goes to the resource; see zipkin-v2-to-span.ts.)
 */
export function endpointToAttributes(endpoint: ZipkinV2Endpoint | undefined, side: 'local' | 'remote', into: Attribute[]): void {
  if (!endpoint) return;
  const keys: EndpointKeys = ENDPOINT_ATTRIBUTES[side];
  if (keys.serviceName && endpoint.serviceName) setAttribute(into, keys.serviceName, str(endpoint.serviceName));
  if (endpoint.ipv4 !== undefined) setAttribute(into, keys.ip, str(endpoint.ipv4));
  if (endpoint.ipv6 !== undefined) setAttribute(into, endpoint.ipv4 !== undefined ? keys.ipv6 : keys.ip, str(endpoint.ipv6));
  if (endpoint.port !== undefined) setAttribute(into, keys.port, int(endpoint.port));
}

/**
 * Sets `key` as a Map would: a tag of the same name keeps its place and takes this value. It
 * runs a handful of times per span (endpoint fields, debug), so a scan beats a Map per span.
 */
export function setAttribute(attributes: Attribute[], key: string, value: AnyValue): void {
  for (let i = 0; i < attributes.length; i++) {
    if (attributes[i]!.key === key) {
      attributes[i] = { key, value };
      return;
    }
  }
  attributes.push({ key, value });
}

/**
 * The reverse, over a span's string tags: builds the endpoint and removes the tags it used
 * (the collector's "redundant keys"). A tag is used only when it is a valid IP / port, so a
 * value that cannot live in an endpoint stays a tag instead of vanishing.
 */
export function endpointFromTags(tags: Map<string, string>, side: 'local' | 'remote', serviceName?: string): ZipkinV2Endpoint | undefined {
  const keys: EndpointKeys = ENDPOINT_ATTRIBUTES[side];
  const endpoint: ZipkinV2Endpoint = {};
  if (serviceName) endpoint.serviceName = serviceName;
  if (keys.serviceName) {
    const peer = tags.get(keys.serviceName);
    if (peer) {
      endpoint.serviceName = peer;
      tags.delete(keys.serviceName);
    }
  }
  const ip = tags.get(keys.ip);
  if (ip !== undefined) {
    const family = isIP(ip);
    if (family === 4) endpoint.ipv4 = ip;
    else if (family === 6) endpoint.ipv6 = ip;
    if (family !== 0) tags.delete(keys.ip);
  }
  const ipv6 = tags.get(keys.ipv6);
  if (ipv6 !== undefined && endpoint.ipv6 === undefined && isIP(ipv6) === 6) {
    endpoint.ipv6 = ipv6;
    tags.delete(keys.ipv6);
  }
  const port = tags.get(keys.port);
  if (port !== undefined && /^[1-9]\d{0,4}$/.test(port) && Number(port) <= 65535) {
    endpoint.port = Number(port);
    tags.delete(keys.port);
  }
  return Object.keys(endpoint).length > 0 ? endpoint : undefined;
}
