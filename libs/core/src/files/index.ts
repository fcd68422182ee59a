export * from './stored-files.service';
export * from './attachment-storage';
export * from './minimal-pdf';
