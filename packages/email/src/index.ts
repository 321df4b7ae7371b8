export { emailEnvShape, readEmailEnv, type EmailConfig, type SmtpConnection } from "./env";
export { type EmailMessage, type Mailer, type SentEmail } from "./mailer";
export * from "./templates";
export {
  createFileMailer,
  createMailer,
  createSmtpMailer,
  type FileMailerOptions,
  type SmtpMailerOptions,
} from "./transports";
