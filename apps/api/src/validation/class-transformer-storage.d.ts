// class-transformer exposes its metadata storage only at this path, untyped (@nestjs/mapped-types reads it the same way).
declare module 'class-transformer/cjs/storage' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

  export const defaultMetadataStorage: MetadataStorage;
}
