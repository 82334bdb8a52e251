// Rules of the "hygiene" family; add each rule file's export to the list.
import type { Rule } from '../types';
import { endpointCaMissing } from './endpoint-ca-missing';
import { insecureEndpoint } from './insecure-endpoint';
import { noBackup } from './no-backup';

export const hygieneRules: Rule[] = [insecureEndpoint, endpointCaMissing, noBackup];
