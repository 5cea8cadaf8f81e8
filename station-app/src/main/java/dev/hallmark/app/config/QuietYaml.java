package dev.hallmark.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the station's YAML files (station.yaml, conformity.yaml) without ever echoing what is in them: the parser
 * keeps no source excerpt in its locations, and a problem is described by its kind, line, column and the names of
 * the settings on its path, never by the parser's message (SnakeYAML quotes the offending line, which may hold a
 * PIN or a secret) nor by a value. An unknown setting's name is not echoed either (it may be a value pasted where
 * a key belongs); the settings that are known there are listed instead.
 */
public final class QuietYaml {

    private static final Pattern SETTING_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private QuietYaml() {
    }

    /** A mapper for the station's YAML: unknown settings refused, no source excerpts. */
    public static ObjectMapper mapper() {
        YAMLFactory factory = YAMLFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
        return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The problem in words that quote nothing from the file: kind, where, and the path of setting names. */
    public static String describe(JsonProcessingException e) {
        StringBuilder line = new StringBuilder();
        String known = "";
        if (e instanceof UnrecognizedPropertyException unknown) {
            // the unknown name is not repeated: a value pasted where a key belongs (a PIN) would be echoed
            line.append("an unknown setting");
            if (unknown.getKnownPropertyIds() != null && !unknown.getKnownPropertyIds().isEmpty()) {
                known = "; the settings there are " + unknown.getKnownPropertyIds().stream().map(String::valueOf)
                        .filter(n -> SETTING_NAME.matcher(n).matches()).sorted().collect(Collectors.joining(", "));
            }
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            line.append("a value of the wrong kind for ").append(path(mapping));
        } else if (e instanceof JsonMappingException) {
            line.append("a value of the wrong kind");
        } else {
            line.append("a YAML syntax error");
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            line.append(" at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        return line.append(known).toString();
    }

    /** The kind of problem for the log's raw detail: the exception's class name only. */
    public static String kind(JsonProcessingException e) {
        return e.getClass().getSimpleName();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? settingName(r.getFieldName()) : "item " + (r.getIndex() + 1))
                .collect(Collectors.joining(" > "));
    }

    private static String settingName(String name) {
        return name != null && SETTING_NAME.matcher(name).matches() ? "'" + name + "'" : "(a name that is not a setting)";
    }
}
