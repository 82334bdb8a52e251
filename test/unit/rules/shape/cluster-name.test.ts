import { describeRuleFixtures } from '../harness';

describeRuleFixtures('cluster-name');
