export { createLoggedApp } from './create-logged-app';
export { ACCESS_LOG, loggingModule } from './logging.module';
