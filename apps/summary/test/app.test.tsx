import { ApiProvider } from '@thads/ui';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App } from '../src/App.js';

describe('summary shell', () => {
  it('asks who is signed in before showing anything', () => {
    const html = renderToString(
      <ApiProvider url="http://127.0.0.1:1/trpc">
        <App today={new Date(2018, 1, 15)} />
      </ApiProvider>,
    );
    expect(html).toContain('Đang tải…');
    expect(html).not.toContain('Đang tải danh sách đơn vị');
  });
});
