/**
 * For mutation runs only: a property that fails has caught the mutant, so fast-check stops there
 * instead of shrinking the counterexample (which can take far longer than the passing run).
 */
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
