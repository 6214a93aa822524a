import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CATEGORIES, PRODUCTS, type Category } from '@escalade/domain';
import type { HandedOffProduct } from '@escalade/partner-center';
import { OptionalField } from '../../validation/field.decorators';

/** Marketplace requests go to their ISV: no support topic of Microsoft's is theirs. */
const HANDED_OFF_PRODUCTS = PRODUCTS.filter((product): product is HandedOffProduct => product !== 'marketplace');

export class ListSupportTopicsQuery {
  @ApiPropertyOptional({ enum: HANDED_OFF_PRODUCTS, description: "Only the topics this product's requests are filed under" })
  @OptionalField()
  @IsIn(HANDED_OFF_PRODUCTS)
  product?: HandedOffProduct;

  @ApiPropertyOptional({ enum: CATEGORIES, description: "Only the topics this category's requests are filed under (mapped per product and category)" })
  @OptionalField()
  @IsIn(CATEGORIES)
  category?: Category;
}
