package io.vescollector.validate.stnddefined;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesProblem;
import io.vescollector.parse.ParsedRequest;
import io.vescollector.validate.EventValidator;
import io.vescollector.validate.Rejection;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@code stndDefinedFields.data} of stndDefined events against the 3GPP schema that
 * {@code stndDefinedFields.schemaReference} names, as ONAP's collector does, with ONAP's error ids and
 * texts as the first variables and the reasons (pointers into the request body) after them.
 */
public final class StndDefinedValidator {
  static final String REFERENCE_ATTRIBUTE = "event.stndDefinedFields.schemaReference";
  static final String NOT_PRESENT = "Referred external schema not present in schema repository";
  static final String NO_SUCH_SCHEMA = "event.stndDefinedFields.schemaReference value does not correspond to any "
      + "external event schema file in externalSchema repo";
  static final String DATA_INVALID = "event.stndDefinedFields.data invalid against event.stndDefinedFields.schemaReference";

  private final LocalSchemaSet schemas;
  private final StndDefinedSettings.MissingSchemaReference missing;
  private final Path emptySchemasDirectory;

  /** {@code schemas} null: stndDefined data is not checked beyond the VES schema. */
  public StndDefinedValidator(LocalSchemaSet schemas, StndDefinedSettings.MissingSchemaReference missing) {
    this(schemas, missing, null);
  }

  private StndDefinedValidator(LocalSchemaSet schemas, StndDefinedSettings.MissingSchemaReference missing,
                               Path emptySchemasDirectory) {
    this.schemas = schemas;
    this.missing = missing;
    this.emptySchemasDirectory = emptySchemasDirectory;
  }

  public static StndDefinedValidator disabled() {
    return new StndDefinedValidator(null, StndDefinedSettings.MissingSchemaReference.ACCEPT);
  }

  /** The validator the settings describe, its schema map read (and, if {@code preload}, its schemas compiled). */
  public static StndDefinedValidator from(StndDefinedSettings settings, boolean preload) {
    if (!settings.enabled()) {
      return disabled();
    }
    SchemaMap map = SchemaMap.load(settings.schemaMapFile(), settings.mapFileIsDefault());
    LocalSchemaSet set = new LocalSchemaSet(settings.schemasDirectory(), map);
    if (!set.hasSchemaFiles()) {
      // A fresh installation has no 3GPP files (they cannot be shipped): check the VES schema only, and
      // let the caller say so (see emptySchemasDirectory), rather than refuse every stndDefined event.
      return new StndDefinedValidator(null, StndDefinedSettings.MissingSchemaReference.ACCEPT, set.directory());
    }
    if (preload) {
      set.preload(settings.preload().selects());
    }
    return new StndDefinedValidator(set, settings.missingSchemaReference());
  }

  /**
   * The configured schemas directory when checking is enabled but it holds no 3GPP files, so that
   * stndDefined data is checked against the VES schema only; empty otherwise.
   */
  public Optional<Path> emptySchemasDirectory() {
    return Optional.ofNullable(emptySchemasDirectory);
  }

  /** True when stndDefined data is checked against 3GPP schemas (enabled, and files are installed). */
  public boolean active() {
    return schemas != null;
  }

  /** The first reference that leads nowhere, or every data violation of the request; empty if all pass. */
  public Optional<Rejection> check(ParsedRequest request) {
    if (schemas == null) {
      return Optional.empty();
    }
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < request.events().size(); i++) {
      JsonNode event = request.events().get(i);
      if (!"stndDefined".equals(event.path("commonEventHeader").path("domain").asText())) {
        continue;
      }
      String at = request.pointerOf(i) + "/stndDefinedFields";
      JsonNode fields = event.path("stndDefinedFields");
      String reference = fields.path("schemaReference").asText("");
      if (reference.isEmpty()) {
        if (missing == StndDefinedSettings.MissingSchemaReference.REJECT) {
          return reject(VesProblem.of(VesError.SVC2006, "attribute", REFERENCE_ATTRIBUTE),
              new Violation(at + "/schemaReference", "is missing: this collector requires stndDefined events to name their schema"));
        }
        continue;
      }
      Resolution resolution = schemas.resolve(reference);
      if (resolution instanceof Resolution.UnknownReference unknown) {
        return reject(VesProblem.of(VesError.SVC2004, "attribute", REFERENCE_ATTRIBUTE, NOT_PRESENT, unknown.why()),
            new Violation(at + "/schemaReference", NOT_PRESENT + ": " + unknown.why()));
      }
      if (resolution instanceof Resolution.FragmentNotFound notFound) {
        return noSuchSchema(at, notFound.why());
      }
      List<Error> errors;
      try {
        errors = ((Resolution.Found) resolution).schema().validate(fields.path("data"));
      } catch (RuntimeException e) {
        // A $ref reached only now (in another file) leads nowhere.
        return noSuchSchema(at, "the schema cannot be followed: " + e.getMessage());
      }
      for (Error error : errors) {
        violations.add(new Violation(at + "/data" + EventValidator.pointerOf(error), EventValidator.describe(error)));
      }
    }
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    List<String> variables = new ArrayList<>(List.of(DATA_INVALID, "400"));
    for (int i = 0; i < Math.min(violations.size(), RequestValidator.MAX_REPORTED); i++) {
      variables.add(violations.get(i).toString());
    }
    if (violations.size() > RequestValidator.MAX_REPORTED) {
      variables.add("... and " + (violations.size() - RequestValidator.MAX_REPORTED) + " more violations");
    }
    VesProblem problem = new VesProblem(VesError.SVC2000, 400, VesError.SVC2000.text(), variables);
    return Optional.of(new Rejection(Rejection.Stage.STND_DEFINED, problem, violations));
  }

  private static Optional<Rejection> noSuchSchema(String at, String why) {
    return reject(VesProblem.of(VesError.SVC2000, NO_SUCH_SCHEMA, "400", why),
        new Violation(at + "/schemaReference", "names no usable schema: " + why));
  }

  private static Optional<Rejection> reject(VesProblem problem, Violation violation) {
    return Optional.of(new Rejection(Rejection.Stage.STND_DEFINED, problem, List.of(violation)));
  }
}
