import { describeRuleFixtures } from '../harness';

describeRuleFixtures('endpoint-ca-missing');
