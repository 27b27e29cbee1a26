import { react } from '@thads/eslint-config';

export default react;
