export * from './stored-files.service';
