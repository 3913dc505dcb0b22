export class RCCallSession {}
