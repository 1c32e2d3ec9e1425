export { registerZipkinQueryApi, type ZipkinQueryApiOptions, type ZipkinDependencyLink } from './register-zipkin-query-api.js';
export { parseAnnotationQuery, type ParsedAnnotationQuery } from './annotation-query.js';
