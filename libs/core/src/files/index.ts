export * from './stored-files.service';
export * from './file-store';
export * from './attachment-storage';
export * from './minimal-pdf';
