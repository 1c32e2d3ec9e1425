export * from './fixtures.js';
export * from './assert-skein-error.js';
