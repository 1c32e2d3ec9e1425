export { decodeXrayDatagram, MAX_XRAY_JSON_DEPTH } from './decode-xray-datagram.js';
export { encodeXrayDatagram } from './encode-xray-datagram.js';
export { xrayTraceIdToHex, hexToXrayTraceId } from './xray-trace-id.js';
export { XRAY_DAEMON_HEADER } from './xray-daemon-header.js';
export { XRAY_KEYS as XRAY_ATTRIBUTES } from './xray-keys.js';
