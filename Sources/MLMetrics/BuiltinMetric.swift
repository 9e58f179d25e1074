/// The metrics Podium computes itself. Raw values are the names `podium score --metric` takes.
public enum BuiltinMetric: String, CaseIterable, Sendable, Codable {
    case accuracy
    case balancedAccuracy = "balanced_accuracy"
    case precision
    case recall
    case f1
    case precisionMacro = "precision_macro"
    case recallMacro = "recall_macro"
    case f1Macro = "f1_macro"
    case f1Micro = "f1_micro"
    case f1Weighted = "f1_weighted"
    case mcc
    case rocAUC = "roc_auc"
    case rocAUCOneVsRest = "roc_auc_ovr"
    case logLoss = "log_loss"
    case rmse
    case mae
    case r2
    case exactMatch = "exact_match"
    case tokenF1 = "token_f1"
    case museRCExactMatch = "muserc_em"

    /// What a submission must hold for this metric.
    public enum Input: String, Sendable {
        /// One label per row in the target column.
        case labels
        /// Binary: the positive class's probability in the target column; multiclass: one column per
        /// class, named by the class.
        case probabilities
        /// One number per row in the target column.
        case numbers
        /// One free-text answer per row in the target column.
        case answers
    }

    /// The submission shape the metric reads.
    public var input: Input {
        switch self {
        case .rocAUC, .rocAUCOneVsRest, .logLoss: return .probabilities
        case .rmse, .mae, .r2: return .numbers
        case .exactMatch, .tokenF1: return .answers
        default: return .labels
        }
    }

    /// Whether a larger value is better (false for losses and errors).
    public var higherIsBetter: Bool {
        switch self {
        case .logLoss, .rmse, .mae: return false
        default: return true
        }
    }

    /// The scikit-learn call it matches.
    public var scikitLearnEquivalent: String {
        switch self {
        case .accuracy: return "accuracy_score(y, p)"
        case .balancedAccuracy: return "balanced_accuracy_score(y, p)"
        case .precision: return "precision_score(y, p, pos_label=POSITIVE, zero_division=0)"
        case .recall: return "recall_score(y, p, pos_label=POSITIVE, zero_division=0)"
        case .f1: return "f1_score(y, p, pos_label=POSITIVE, zero_division=0)"
        case .precisionMacro: return "precision_score(y, p, average='macro', zero_division=0)"
        case .recallMacro: return "recall_score(y, p, average='macro', zero_division=0)"
        case .f1Macro: return "f1_score(y, p, average='macro', zero_division=0)"
        case .f1Micro: return "f1_score(y, p, average='micro', zero_division=0)"
        case .f1Weighted: return "f1_score(y, p, average='weighted', zero_division=0)"
        case .mcc: return "matthews_corrcoef(y, p)"
        case .rocAUC: return "roc_auc_score(y == POSITIVE, p)"
        case .rocAUCOneVsRest: return "roc_auc_score(y, P, multi_class='ovr', labels=classes)"
        case .logLoss: return "log_loss(y, P, labels=classes)"
        case .rmse: return "root_mean_squared_error(y, p)"
        case .mae: return "mean_absolute_error(y, p)"
        case .r2: return "r2_score(y, p)"
        case .exactMatch: return "SQuAD v1.1 exact_match_score, max over gold answers"
        case .tokenF1: return "SQuAD v1.1 f1_score, max over gold answers"
        case .museRCExactMatch: return "Russian SuperGLUE MuSeRC EM (no scikit-learn equivalent)"
        }
    }

    /// One line on what it computes.
    public var summary: String {
        switch self {
        case .accuracy: return "share of rows whose label is right"
        case .balancedAccuracy: return "mean recall over the true classes"
        case .precision: return "precision of the positive label"
        case .recall: return "recall of the positive label"
        case .f1: return "F1 of the positive label (MuSeRC's F1a)"
        case .precisionMacro: return "unweighted mean of per-class precision"
        case .recallMacro: return "unweighted mean of per-class recall"
        case .f1Macro: return "unweighted mean of per-class F1"
        case .f1Micro: return "F1 from pooled counts (equals accuracy for single-label data)"
        case .f1Weighted: return "per-class F1 weighted by support"
        case .mcc: return "Matthews correlation coefficient, binary or multiclass"
        case .rocAUC: return "area under the ROC curve of the positive-class probability"
        case .rocAUCOneVsRest: return "macro mean of one-vs-rest ROC AUC over classes"
        case .logLoss: return "cross-entropy of the predicted probabilities (clipped at 2.2e-16)"
        case .rmse: return "root mean squared error"
        case .mae: return "mean absolute error"
        case .r2: return "coefficient of determination"
        case .exactMatch: return "share of answers equal to a gold answer after normalisation"
        case .tokenF1: return "token-overlap F1 with the best gold answer"
        case .museRCExactMatch: return "share of questions whose answer options are all right (needs a group column)"
        }
    }
}
