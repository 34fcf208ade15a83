import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy/waitFor wait for what the page shows. A cold jest cache on a busy
// two-core machine can take many seconds to render the first table, so they
// wait up to 30 s instead of 1 s; a passing test still goes on as soon as
// the page shows what it looks for.
configure({ asyncUtilTimeout: 30_000 });
