// Check-in (签到): QR/roster/manual lookup and submission of a student.
// The folder's public face: other folders (and core/) import from here.
export { checkinHandlers } from './checkin-handlers';
export { CheckinService } from './checkin-service';
export { demoStudent } from './demo-students';
