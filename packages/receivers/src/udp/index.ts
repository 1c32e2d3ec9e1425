export { startUdpReceiver, DEFAULT_MAX_DATAGRAM_BYTES, DEFAULT_MAX_DATAGRAMS_IN_FLIGHT, DEFAULT_RECEIVE_BUFFER_BYTES } from './udp-receiver.js';
export type { UdpReceiver, UdpReceiverObserver, UdpReceiverOptions } from './udp-receiver.js';
export { DropLog, DEFAULT_DROP_LOG_INTERVAL_MS } from './drop-log.js';
export type { WarnLogger } from './drop-log.js';
