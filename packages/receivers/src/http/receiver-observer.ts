/** Per-request outcomes, for metrics (`skein_receiver_requests_total{receiver,code}`). */
export interface ReceiverObserver {
  onRequest(receiver: string, outcome: string): void;
}
