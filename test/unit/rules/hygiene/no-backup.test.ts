import { describeRuleFixtures } from '../harness';

describeRuleFixtures('no-backup');
