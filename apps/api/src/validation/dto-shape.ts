import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';

export type DtoClass = new () => object;

const declared = new WeakMap<DtoClass, ReadonlySet<string>>();

/** The properties a DTO declares with class-validator decorators: the only keys its input may have. */
export function declaredProperties(dto: DtoClass): ReadonlySet<string> {
  let properties = declared.get(dto);
  if (!properties) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
    properties = new Set(metadata.map((m) => m.propertyName));
    declared.set(dto, properties);
  }
  return properties;
}

export function isDto(type: unknown): type is DtoClass {
  return typeof type === 'function' && declaredProperties(type as DtoClass).size > 0;
}

/** The DTO a property's `@Type(() => …)` names, when it is one (not, say, Number for a query parameter). */
export function nestedDto(dto: DtoClass, property: string): DtoClass | undefined {
  const type = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction();
  return isDto(type) ? type : undefined;
}
