import { describeSandboxContract } from '../sandbox/contract';
import { WebContainerSandbox } from '../../../src/sandbox/webcontainer/sandbox';
import { FakeWebContainer } from './fake-container';

describeSandboxContract('webcontainer adapter over the stand-in API', async () =>
  WebContainerSandbox.create(await new FakeWebContainer().init()),
);
