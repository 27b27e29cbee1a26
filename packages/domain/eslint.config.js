import { pure } from '@thads/eslint-config';

export default pure;
