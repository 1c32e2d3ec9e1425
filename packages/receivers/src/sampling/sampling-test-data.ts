/** The example of Jaeger's sampling documentation ("Collector Sampling Configuration", file-based). */
export const JAEGER_DOCS_EXAMPLE = JSON.stringify({
  service_strategies: [
    {
      service: 'foo',
      type: 'probabilistic',
      param: 0.8,
      operation_strategies: [
        { operation: 'op1', type: 'probabilistic', param: 0.2 },
        { operation: 'op2', type: 'probabilistic', param: 0.4 },
      ],
    },
    { service: 'bar', type: 'ratelimiting', param: 5 },
  ],
  default_strategy: {
    type: 'probabilistic',
    param: 0.5,
    operation_strategies: [
      { operation: '/health', type: 'probabilistic', param: 0.0 },
      { operation: '/metrics', type: 'probabilistic', param: 0.0 },
    ],
  },
});

