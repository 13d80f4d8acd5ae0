/** The sandbox's browser side: frames sized to their app, change strips, inspector (with task checks), tasks, lab, tabs. */
import './frame-size.ts';
import './frame-focus.ts';
import './change-strip.ts';
import './inspector.ts';
import './task-status.ts';
import './lab.ts';
import './pane-tabs.ts';
