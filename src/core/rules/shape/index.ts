// Rules of the "shape" family; add each rule file's export to the list.
import type { Rule } from '../types';
import { clusterName } from './cluster-name';
import { inTreeBarmanImage } from './in-tree-barman-image';
import { operatorManagedParameter } from './operator-managed-parameter';
import { unknownPostgresqlParameter } from './unknown-postgresql-parameter';

export const clusterShapeRules: Rule[] = [operatorManagedParameter, unknownPostgresqlParameter, inTreeBarmanImage, clusterName];
