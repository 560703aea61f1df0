// The progress pack model: plain input (PackSource), the pure builder and its output (PackModel).
export * from './build-pack-model';
export * from './pack-model';
export * from './pack-source';
