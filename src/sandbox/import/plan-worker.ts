/** A worker that reads, inflates and checks a project import (see off-thread.ts), so a big one never blocks the page. */
import { servePlanning } from './off-thread';

servePlanning(self as unknown as Parameters<typeof servePlanning>[0]);
