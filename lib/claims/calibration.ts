/**
 * The calibrated thresholds (fixtures/claims/calibration.json, written by the committed, seeded
 * script fixtures/claims/calibrate.ts), typed.
 *
 * @module
 */

import data from "../../fixtures/claims/calibration.json" with { type: "json" };

/** C3's calibration for one shape. */
export interface MpCalibration {
  readonly regime: string;
  readonly numRows: number;
  readonly numCols: number;
  readonly replicates: number;
  /** The (1 − α) quantile of the KS distance of a Gaussian spectrum to MP(σ known). */
  readonly ksThreshold: number;
  /** Rejections of the whole C3 rule on an independent validation set of Gaussian matrices. */
  readonly validationRejected: number;
  readonly validationReplicates: number;
  readonly validationFalseAlarm: number;
}

/** The calibration file. */
export interface Calibration {
  readonly seed: number;
  readonly falseAlarm: number;
  /** σ of the simulated Gaussian matrices. */
  readonly sigma: number;
  readonly mp: { readonly spikeFalseAlarm: number; readonly shapes: readonly MpCalibration[] };
  readonly rotation: {
    readonly draws: number;
    readonly bins: number;
    /** The threshold on the mean JS/floor ratio (largest over the calibrated shapes). */
    readonly threshold: number;
    readonly shapes: readonly {
      numRows: number;
      numCols: number;
      replicates: number;
      mean: number;
      sd: number;
      threshold: number;
      max: number;
      exceedingGlobalThreshold: number;
    }[];
  };
  readonly kurtosis: {
    readonly sizes: readonly number[];
    readonly replicates: number;
    readonly slopeMean: number;
    readonly slopeSd: number;
    readonly interceptMean: number;
    readonly interceptSd: number;
    readonly slopeTolerance: number;
    readonly interceptTolerance: number;
    readonly rejected: number;
  };
}

/** The committed calibration. */
export const CALIBRATION: Calibration = data as Calibration;

/**
 * C3's calibration for an N×M shape, or undefined when that shape was not calibrated.
 *
 * @example
 * ```ts
 * import { mpCalibration } from "./calibration.ts";
 * console.assert(mpCalibration(784, 64) !== undefined && mpCalibration(3, 2) === undefined);
 * ```
 */
export function mpCalibration(numRows: number, numCols: number): MpCalibration | undefined {
  return CALIBRATION.mp.shapes.find((s) => s.numRows === numRows && s.numCols === numCols);
}
