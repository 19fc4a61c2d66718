package io.vescollector.validate.stnddefined;

import com.networknt.schema.Schema;

/** What a {@code schemaReference} leads to in the local schema set. */
public sealed interface Resolution {
  /** A compiled schema, ready to validate {@code stndDefinedFields.data}. */
  record Found(Schema schema) implements Resolution {}

  /** No local file stands for the URL (not in the map, outside the set, missing, or no fragment). */
  record UnknownReference(String why) implements Resolution {}

  /** The file exists but the fragment names nothing in it, or what it names cannot be compiled. */
  record FragmentNotFound(String why) implements Resolution {}
}
