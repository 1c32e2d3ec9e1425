export { startXrayUdpReceiver, XRAY_UDP_RECEIVER } from './xray-udp-receiver.js';
export type { XrayUdpReceiverOptions } from './xray-udp-receiver.js';
export { HeldSegments, DEFAULT_HOLD_MAX_AGE_MS, DEFAULT_HOLD_MAX_SPANS, DEFAULT_MAX_KNOWN_SPAN_IDS } from './held-segments.js';
export type { HeldSegmentsOptions } from './held-segments.js';
