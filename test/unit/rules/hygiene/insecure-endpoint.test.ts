import { describeRuleFixtures } from '../harness';

describeRuleFixtures('insecure-endpoint');
