export * from './run';
export * from './events';
export * from './exec';
export * from './errors';
export * from './secrets';
export * from './messages';
export * from './workdir';
export * from './run-store';
