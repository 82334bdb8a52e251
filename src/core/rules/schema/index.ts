// Rules of the "schema" family: structural validation against the CRD schemas (optional in the editor).
import type { Rule } from '../types';
import { invalidValue } from './invalid-value';
import { missingRequiredField } from './missing-required-field';
import { unknownField } from './unknown-field';

export const schemaRules: Rule[] = [unknownField, invalidValue, missingRequiredField];
