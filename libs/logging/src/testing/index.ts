export { captureStdout, parseLogLines, type CapturedStdout, type LogLine } from './log-lines';
