export { startXrayUdpReceiver, XRAY_UDP_RECEIVER } from './xray-udp-receiver.js';
export type { XrayUdpReceiverOptions } from './xray-udp-receiver.js';
export { InProgressSegments, DEFAULT_IN_PROGRESS_MAX_AGE_MS, DEFAULT_IN_PROGRESS_MAX_SPANS } from './in-progress-segments.js';
export type { InProgressSegmentsOptions } from './in-progress-segments.js';
