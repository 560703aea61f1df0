// Progress pack renderers: each lays out a PackModel in one format; renderPack runs several.
export * from './charts';
export * from './pack-fonts';
export * from './rag-style';
export * from './render-docx';
export * from './render-json';
export * from './render-pack';
export * from './render-pdf';
export * from './render-xlsx';
