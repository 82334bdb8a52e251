import { describeRuleFixtures } from '../harness';

describeRuleFixtures('in-tree-barman-image');
