import base from '@thads/eslint-config';

export default [...base];
