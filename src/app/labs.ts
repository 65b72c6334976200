// The built-in labs the page offers in its lab picker (the worker's list of what `load(id)` accepts).
export { labChoices, type LabChoice } from '../worker/labChoices';
