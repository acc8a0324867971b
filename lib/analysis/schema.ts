/**
 * The analysis.json schema (version {@link ANALYSIS_SCHEMA_VERSION}); every field is documented
 * here and, as a field list with meanings, in lib/analysis/README.md. Numbers that can be undefined
 * (a Kendall τ with fewer than two crossings, a metric missing from an old run) are `null`, never
 * NaN. Given the same run folder, seed and null-sample count the files are byte-identical: they
 * hold no timestamps and no timings.
 *
 * @module
 */

import type { ModelStatus } from "../train/run_folder.ts";

/** Version of analysis.json (per model and per run); bumped on any incompatible change. */
export const ANALYSIS_SCHEMA_VERSION = 1;

/** Closed interval [lower, upper] in singular-value units. */
export interface EdgeInterval {
  /** Lower edge λ₋. */
  readonly lower: number;
  /** Upper edge λ₊. */
  readonly upper: number;
}

/** Spike detection by the step-down edge + Tracy–Widom test of lib/rmt/spikes.ts. */
export interface SpikeSummary {
  /** Number of singular values above the bulk (edge + TW margin at the false-alarm level). */
  readonly count: number;
  /** Per-matrix false-alarm probability α of the first step. */
  readonly falseAlarm: number;
  /** The largest count the step-down search can report, ⌊(L − 1)/2⌋. */
  readonly maxCount: number;
  /** True when count = maxCount: the search stopped at its cap, not at the bulk. */
  readonly saturated: boolean;
  /** σ̂ of the bulk left after removing the spikes (median fit). */
  readonly bulkSigma: number;
  /** Upper MP edge σ̂(√(n − k) + √(m − k)) of that bulk. */
  readonly upperEdge: number;
  /** Number of singular values above upperEdge itself (no TW margin; ≥ count). */
  readonly aboveUpperEdge: number;
  /** √ of the TW threshold the first non-spike value failed to exceed. */
  readonly threshold: number;
}

/** A Kolmogorov–Smirnov statistic with its p-value under a simulated null. */
export interface SimulatedKs {
  /** D = sup |F_empirical − F_MP| over the singular values tested. */
  readonly statistic: number;
  /** (1 + #{simulated D ≥ D}) / (1 + nullSamples). */
  readonly pValue: number;
}

/** The Marčenko–Pastur check of the epoch-0 checkpoint (SCIENCE.md §4). */
export interface InitSpectrumAnalysis {
  /** Number of singular values L = min(N, M). */
  readonly numValues: number;
  /** λ₁ of W at init. */
  readonly largestSingularValue: number;
  /** The σ the run initialized W with (config.json). */
  readonly knownSigma: number;
  /** How knownSigma follows from config.json. */
  readonly knownSigmaSource: string;
  /**
   * σ̂ of the bulk fit used by the test (lib/rmt: the trace of the bulk, Σλ² = σ²(n − k)(m − k),
   * after removing the k detected spikes).
   */
  readonly fittedSigma: number;
  /** σ̂ by matching the bulk's median to the MP median (a robust cross-check, same k removed). */
  readonly fittedSigmaMedian: number;
  /** fittedSigma / knownSigma (≈ 1 at init). */
  readonly sigmaRatio: number;
  /** MP singular-value edges [λ₋, λ₊] = σ̂(√n ∓ √m) for the fitted σ̂. */
  readonly edges: EdgeInterval;
  /** The same edges for the known σ. */
  readonly knownSigmaEdges: EdgeInterval;
  /**
   * KS distance of the bulk values (detected spikes removed) to the MP law of the fitted σ̂ and
   * bulk shape (N − k) × (M − k); p-value against the same pipeline (spike detection, σ refit,
   * KS) applied to `nullSamples` simulated Gaussian matrices of that same shape (lib/rmt
   * `mpGoodnessOfFit`; at init k = 0, so exactly N × M).
   */
  readonly ks: SimulatedKs & {
    /** The p-value as if the values were iid (exact Kolmogorov law): far too lenient, for contrast. */
    readonly naiveIidPValue: number;
  };
  /** KS distance of all L values to the MP law of the known σ (no fit, nothing removed). */
  readonly ksDistanceKnownSigma: number;
  /** Spikes with σ fitted. */
  readonly spikes: SpikeSummary;
  /** Spikes with the known σ (no fit). */
  readonly spikesKnownSigma: number;
  /** spikes.count = 0, spikesKnownSigma = 0 and ks.pValue > 0.01. */
  readonly mpConsistent: boolean;
}

/** The spectrum of the latest checkpoint (SCIENCE.md §6). */
export interface TrainedSpectrumAnalysis {
  /** Number of singular values L = min(N, M). */
  readonly numValues: number;
  /** λ₁ of the trained W. */
  readonly largestSingularValue: number;
  /** The ten largest singular values (fewer when L < 10). */
  readonly topSingularValues: number[];
  /** Number of singular values above 4 (βλ > 4 at β = 1). */
  readonly modesAbove4: number;
  /** Spikes above the refitted bulk (σ fitted; see SpikeSummary). */
  readonly spikes: SpikeSummary;
  /** spikes.bulkSigma / init fittedSigma: training widens the bulk (> 1). */
  readonly bulkWidening: number;
}

/** First updates at which each logged rank exceeded 4 (SCIENCE.md §6), from spectrum.ndjson. */
export interface CrossingAnalysis {
  /** The singular value a crossing must exceed (4 by default: βλ = 4 at β = 1). */
  readonly threshold: number;
  /** Number of logged entries (lines of spectrum.ndjson). */
  readonly entries: number;
  /** How many top singular values each entry holds (k, the run's spectrumTop). */
  readonly loggedTop: number;
  /** Update index of the last logged entry. */
  readonly lastUpdate: number;
  /** Per rank r (0 = largest), the first logged update with λ_r > threshold, or null. */
  readonly firstUpdate: (number | null)[];
  /** Per rank, the number of values above threshold at its first crossing, or null. */
  readonly countAtCrossing: (number | null)[];
  /** The ranks that crossed, by first-crossing update (ties by rank). */
  readonly order: number[];
  /** Number of logged values above threshold in the last entry. */
  readonly finalCount: number;
  /** Per rank, its 0-based rank among the last entry's values. */
  readonly finalRank: number[];
  /**
   * Kendall τ_b between first-crossing update and final rank over the ranks that crossed (null
   * with fewer than two). The log is rank-sorted, so τ is +1 up to ties by construction: it says
   * how well the log resolves the order, not whether modes keep their identity.
   */
  readonly kendallTau: number | null;
  /** Per logged entry, the number of values above threshold. */
  readonly countAbove: { update: number; count: number }[];
  /** The same with mode identities (runs whose log has mode ids), or null. */
  readonly tracked: TrackedCrossings | null;
}

/** Crossings of the threshold by mode identity (lib/train/mode_tracker.ts ids in spectrum.ndjson). */
export interface TrackedCrossings {
  /** Ids of the modes that exceeded the threshold, in order of their first crossing. */
  readonly modes: number[];
  /** The update of each one's first crossing (same order). */
  readonly firstUpdate: number[];
  /** Each one's 0-based rank in the last log entry (0 = largest), or null if it left the top k. */
  readonly finalRank: (number | null)[];
  /** How many crossed modes end at the rank equal to their crossing position. */
  readonly inRankOrder: number;
  /**
   * Kendall τ_b between first-crossing update and final rank (modes that left the top k rank last):
   * +1 when every mode that crossed earlier ends larger. Null with fewer than two crossings.
   */
  readonly kendallTau: number | null;
}

/** One JS measurement of the rotation test. */
export interface RotationMeasurement {
  /** Jensen–Shannon divergence (nats) between the entry histograms of W and the rotated W'. */
  readonly jensenShannon: number;
  /** KL(W ‖ W') in nats between the same two histograms (ε-smoothed). */
  readonly kullbackLeibler: number;
  /** Fraction of W' entries outside W's range (dropped). */
  readonly outOfRange: number;
  /** (1 + #{null JS ≥ JS}) / (1 + null samples). */
  readonly pValue: number;
}

/** The rotation JS test (SCIENCE.md §5) of the init and trained W against its null. */
export interface RotationAnalysis {
  /** Equal-width histogram bins over W's range (1000 by default). */
  readonly bins: number;
  /** ε added to every normalized bin before the logarithms (1e-9). */
  readonly epsilon: number;
  /** Givens rotations per side as a fraction of the dimension (⌊0.1N⌋, ⌊0.1M⌋). */
  readonly givensFraction: number;
  /** (bins − 1)/(4NM), the approximate floor for an unstructured W of this shape. */
  readonly noiseFloor: number;
  /** JS between two independent N×M Gaussian inits of the known σ, over `samples` pairs. */
  readonly null: {
    /** Number of simulated pairs (the run's null-sample count R). */
    readonly samples: number;
    /** σ of the simulated inits (the known init σ). */
    readonly sigma: number;
    /** Sample mean of the null JS values (nats). */
    readonly mean: number;
    /** Sample standard deviation (n − 1 denominator) of the null JS values. */
    readonly standardDeviation: number;
    /** Empirical 95% quantile of the null JS values. */
    readonly quantile95: number;
    /** Largest null JS value. */
    readonly max: number;
  };
  /** W at init (first checkpoint) under a Givens and a Haar rotation. */
  readonly init: { readonly givens: RotationMeasurement; readonly haar: RotationMeasurement };
  /** The trained W (latest checkpoint) under a Givens and a Haar rotation. */
  readonly trained: { readonly givens: RotationMeasurement; readonly haar: RotationMeasurement };
}

/** Exact moments of one reciprocal variable under uniform binary states. */
export interface ModeMoments {
  /** 0-based paired mode index. */
  readonly index: number;
  /** λᵢ, the singular value of the mode. */
  readonly singularValue: number;
  /** ½ΣⱼUⱼᵢ. */
  readonly mean: number;
  /** ¼ΣⱼUⱼᵢ² (¼ for unit columns). */
  readonly variance: number;
  /** Pearson (not excess) kurtosis 3 − 2ΣⱼUⱼᵢ⁴. */
  readonly pearsonKurtosis: number;
}

/** Exact Gaussian-limit moments of one side (U for visible, V for hidden). */
export interface SideMoments {
  /** n (N for U, M for V). */
  readonly dimension: number;
  /** Paired modes L. */
  readonly paired: number;
  /** The first few paired modes and the last paired mode. */
  readonly modes: ModeMoments[];
  /** Mean Pearson kurtosis over all paired modes. */
  readonly meanPearsonKurtosis: number;
  /** Smallest Pearson kurtosis over all paired modes (the least Gaussian one). */
  readonly minPearsonKurtosis: number;
  /** 3 − 6/(n + 2), the Haar expectation. */
  readonly haarPearsonKurtosis: number;
  /** The |N − M| free columns as a whole (rotation-invariant), or null when there are none. */
  readonly free: {
    /** d = n − L, the number of free columns. */
    readonly dimension: number;
    /** ‖E[z]‖ of the free coordinates z (basis-independent): ½‖Cᵀ1‖ for the free columns C. */
    readonly meanNorm: number;
    /** trace Cov(z) = d/4 exactly. */
    readonly totalVariance: number;
    /** Pearson kurtosis of cᵀz averaged over unit directions c in the free subspace. */
    readonly averagePearsonKurtosis: number;
  } | null;
}

/** Gaussian limit of the trained reciprocal variables (SCIENCE.md §7). */
export interface GaussianLimitAnalysis {
  /** x = Uᵀv, n = N (U is N × N). */
  readonly visible: SideMoments;
  /** y = Vᵀh, n = M (V is M × M). */
  readonly hidden: SideMoments;
}

/** Saddle points of the trained model (SCIENCE.md §3). */
export interface SaddleAnalysis {
  /** Σᵢ a₀ᵢb₀ᵢ/λᵢ over paired modes with λᵢ > 0. */
  readonly totalEnergy: number;
  /** saddleEnergy of the metrics.ndjson line with the same update, or null. */
  readonly loggedTotalEnergy: number | null;
  /** Number of paired modes with λᵢ > 0 (each has a saddle). */
  readonly pairedModes: number;
  /** Number of paired modes with λᵢ = 0 (no saddle; they feel only their biases). */
  readonly zeroModes: number;
  /** |N − M|, the free modes of the larger layer. */
  readonly freeModes: number;
  /** The first few modes: λ, saddle (x*, y*) and energy a₀b₀/λ. */
  readonly modes: { index: number; singularValue: number; x: number; y: number; energy: number }[];
}

/** A checkpoint the analysis read. */
export interface CheckpointReference {
  /** Relative to the run folder. */
  readonly path: string;
  /** Completed epochs when the checkpoint was taken. */
  readonly epoch: number;
  /** Optimizer updates done when the checkpoint was taken. */
  readonly update: number;
}

/** DIR/models/<id>/analysis.json. */
export interface ModelAnalysis {
  /** {@link ANALYSIS_SCHEMA_VERSION}. */
  readonly schemaVersion: number;
  /** Marks the file as a per-model analysis. */
  readonly kind: "rbm-landscape-model-analysis";
  /** The model's id, e.g. "h64-r1". */
  readonly modelId: string;
  /** N, the number of visible units. */
  readonly numVisible: number;
  /** M, the number of hidden units. */
  readonly numHidden: number;
  /** Replica number (from 1). */
  readonly replica: number;
  /** Training status from summary.json. */
  readonly status: ModelStatus;
  /** Base seed (--seed) and this model's analysis seed deriveSeed(base, numHidden, replica). */
  readonly seeds: { readonly base: number; readonly model: number };
  /** R, the number of simulated samples of each null (MP fit and rotation JS). */
  readonly nullSamples: number;
  /** The first checkpoint (taken as the init) and the latest (taken as the trained model). */
  readonly checkpoints: {
    readonly init: CheckpointReference;
    readonly trained: CheckpointReference;
  };
  /** The Marčenko–Pastur check of the init. */
  readonly init: InitSpectrumAnalysis;
  /** The spectrum of the trained model. */
  readonly trained: TrainedSpectrumAnalysis;
  /** null when spectrum.ndjson is missing or empty. */
  readonly crossings: CrossingAnalysis | null;
  /** Rotational-symmetry breaking of the init and trained W. */
  readonly rotation: RotationAnalysis;
  /** Exact Gaussian-limit moments of the trained reciprocal variables. */
  readonly gaussianLimit: GaussianLimitAnalysis;
  /** Saddle points of the trained model. */
  readonly saddle: SaddleAnalysis;
  /** Sampled moments of x = Uᵀv: uniform states vs the exact values, and Gibbs samples of the model. */
  readonly samples: SampleCrossCheck;
}

/** Moments of one reciprocal variable xᵢ over uniform binary states, next to the exact values. */
export interface UniformModeMoments {
  /** Paired mode index (0 = largest singular value). */
  readonly mode: number;
  /** Sample mean of xᵢ. */
  readonly mean: number;
  /** Sample (population) variance of xᵢ. */
  readonly variance: number;
  /** Sample Pearson kurtosis m₄/m₂² (3 for a normal law; not excess kurtosis). */
  readonly pearsonKurtosis: number;
  /** Exact mean ½ΣⱼUⱼᵢ. */
  readonly exactMean: number;
  /** Exact variance ¼. */
  readonly exactVariance: number;
  /** Exact Pearson kurtosis 3 − 2ΣⱼUⱼᵢ⁴. */
  readonly exactPearsonKurtosis: number;
  /** (mean − exactMean)/(½/√samples): a standard normal deviate when the identity holds. */
  readonly meanZ: number;
}

/** Moments of one reciprocal variable xᵢ over Gibbs samples of the trained model. */
export interface SampledModeMoments {
  /** Paired mode index (0 = largest singular value). */
  readonly mode: number;
  /** λᵢ. */
  readonly singularValue: number;
  /** Sample mean of xᵢ (the mode's amplitude in the model's samples). */
  readonly mean: number;
  /** Sample (population) variance of xᵢ. */
  readonly variance: number;
  /** Sample Pearson kurtosis of xᵢ. */
  readonly pearsonKurtosis: number;
  /** ½ΣⱼUⱼᵢ: the mean of xᵢ under uniform states (the entropic centre). */
  readonly entropicCentre: number;
  /** The saddle coordinate x* = −b₀ᵢ/λᵢ, or null when λᵢ = 0. */
  readonly saddleX: number | null;
}

/** Sample-based cross-checks of the Gaussian limit (lib/analysis/sampling.ts). */
export interface SampleCrossCheck {
  /** Seed of the uniform states and the Gibbs noise. */
  readonly seed: number;
  /** Uniform binary states: sample size and per-mode moments vs exact. */
  readonly uniform: { readonly samples: number; readonly modes: UniformModeMoments[] };
  /** Gibbs samples from uniform starts: chains, sweeps, and per-mode moments. */
  readonly gibbs: {
    readonly chains: number;
    readonly steps: number;
    readonly modes: SampledModeMoments[];
  };
}

/** DIR/analysis.json: the models analyzed by one invocation. */
export interface RunAnalysis {
  /** {@link ANALYSIS_SCHEMA_VERSION}. */
  readonly schemaVersion: number;
  /** Marks the file as a run analysis. */
  readonly kind: "rbm-landscape-run-analysis";
  /** Base seed of all simulation (--seed). */
  readonly seed: number;
  /** R, the number of simulated samples of each null (--null-samples). */
  readonly nullSamples: number;
  /** The analyzed models, in summary.json order (or the order of the requested ids). */
  readonly models: ModelAnalysis[];
  /** Models requested but not analyzable (e.g. no checkpoint yet), with the reason. */
  readonly skipped: { id: string; reason: string }[];
}
