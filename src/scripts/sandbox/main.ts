/** The sandbox's browser side: inspector (with task checks), task status and lab. */
import './inspector.ts';
import './task-status.ts';
import './lab.ts';
